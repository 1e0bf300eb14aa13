import { render } from 'preact';
import { App } from './app.tsx';
import { loadConfig } from './state/config.ts';

void loadConfig();
render(<App />, document.getElementById('app')!);
