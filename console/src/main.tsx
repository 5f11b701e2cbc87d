import { render } from 'preact';
import { App } from './app/App';
import './styles/base.css';
import './styles/layout.css';
import './styles/chat.css';
import './styles/markdown.css';
import './styles/widgets.css';

render(<App />, document.getElementById('app')!);
