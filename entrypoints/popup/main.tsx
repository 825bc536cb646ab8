import { render } from 'preact';
import '../../components/page.css';
import './popup.css';
import { App } from './App.tsx';

render(<App />, document.getElementById('app')!);
