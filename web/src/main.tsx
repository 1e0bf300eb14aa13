import { render } from 'preact';
import { App } from './app.tsx';
import { loadConfig } from './state/config.ts';
import { loadMe } from './state/session.ts';

void loadConfig();
void loadMe();
render(<App />, document.getElementById('app')!);
