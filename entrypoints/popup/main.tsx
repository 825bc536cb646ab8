import { render } from 'preact';
import '../../components/page.css';
import { uiLocale } from '../../lib/ui/i18n.ts';
import './popup.css';
import { readFirstScreenEarly } from '../../lib/ui/org-state.ts';
import { App } from './App.tsx';

document.documentElement.lang = uiLocale();
// The members' first screen is read while the page asks where the org lives, not after.
readFirstScreenEarly();
render(<App />, document.getElementById('app')!);
