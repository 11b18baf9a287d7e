// First, so that it is evaluated before the app's own modules: the first view's calls go out at once.
import { earlyAnswers } from './lib/early-calls'
import { mount } from 'svelte'
import App from './App.svelte'
// Fonts ship with the app (no network): Source Serif 4 for reading, Inter for the interface; latin subsets load on demand.
import '@fontsource-variable/source-serif-4/wght.css'
import '@fontsource-variable/source-serif-4/wght-italic.css'
import '@fontsource-variable/inter/wght.css'
import './styles/app.css'
import './styles/print.css'

// The answers are usually in by the time the modules above have run. Mounting once they are means the first frame
// painted shows the list, instead of an empty shell and then, two frames later, the list. Never more than 300 ms.
// (Not a top-level await: that would stop the bundler from merging the shared chunks, 4 files becoming 14.)
void Promise.race([earlyAnswers(), new Promise((resolve) => setTimeout(resolve, 300))]).then(() =>
  mount(App, { target: document.getElementById('app')! }),
)
