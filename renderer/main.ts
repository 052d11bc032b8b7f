import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { router } from './router';
import './styles/main.css';
// After main.css, so the print rules win wherever both apply; every page prints as an A4 report.
import './print.css';

createApp(App).use(createPinia()).use(router).mount('#app');
