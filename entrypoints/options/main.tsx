import { render } from 'preact';
import '../../components/page.css';
import { t, uiLocale } from '../../lib/ui/i18n.ts';
import './options.css';
import { App } from './App.tsx';

document.documentElement.lang = uiLocale();
document.title = t('extName');
render(<App />, document.getElementById('app')!);
