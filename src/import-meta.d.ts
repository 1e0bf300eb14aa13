// The one build constant the Worker shares with Vite's build of the app: wrangler.toml defines import.meta.env.SSR as
// true (Vite's browser build has it false), so the app's components rendered by the Worker leave out what only the
// browser loads (their lazy chunks).
interface ImportMetaEnv {
  readonly SSR: boolean;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
