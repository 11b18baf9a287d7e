// First, so that it is evaluated before the app's own modules: the first view's calls go out at once.
import './lib/early-calls'
import { mount } from 'svelte'
import App from './App.svelte'
// Fonts ship with the app (no network): Source Serif 4 for reading, Inter for the interface; latin subsets load on demand.
import '@fontsource-variable/source-serif-4/wght.css'
import '@fontsource-variable/source-serif-4/wght-italic.css'
import '@fontsource-variable/inter/wght.css'
import './styles/app.css'
import './styles/print.css'

mount(App, { target: document.getElementById('app')! })
