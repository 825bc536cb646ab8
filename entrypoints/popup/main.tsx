import { render } from 'preact';
import '../../components/page.css';
import { uiLocale } from '../../lib/ui/i18n.ts';
import './popup.css';
import { App } from './App.tsx';

document.documentElement.lang = uiLocale();
render(<App />, document.getElementById('app')!);
