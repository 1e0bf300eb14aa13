import { render } from 'preact';
import { App } from './app.tsx';
import { config } from './state/config.ts';
import { loadSession } from './state/session.ts';

void config.run();
void loadSession();
render(<App />, document.getElementById('app') ?? document.body);
