import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import DashboardView from './views/DashboardView.vue';

/** Hash history: the app is served from a custom protocol or a file, where path URLs cannot be resolved. */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'dashboard', component: DashboardView, meta: { title: 'Dashboard' } },
  { path: '/import', name: 'import', component: () => import('./views/ImportView.vue'), meta: { title: 'Import' } },
  { path: '/finance', name: 'finance', component: () => import('./views/FinanceView.vue'), meta: { title: 'Finance' } },
  { path: '/reconcile', name: 'reconcile', component: () => import('./views/ReconcileView.vue'), meta: { title: 'Outsourcing reconciliation' } },
  { path: '/scenarios', name: 'scenarios', component: () => import('./views/ScenariosView.vue'), meta: { title: 'Skill-mix business case' } },
  { path: '/staff', name: 'staff', component: () => import('./views/StaffView.vue'), meta: { title: 'Staff register' } },
  { path: '/benchmarks', name: 'benchmarks', component: () => import('./views/BenchmarksView.vue'), meta: { title: 'Benchmarks and methods' } },
  { path: '/about', name: 'about', component: () => import('./views/AboutView.vue'), meta: { title: 'About, data and privacy' } },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

export const router = createRouter({
  history: createWebHashHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : null;
  document.title = title ? `${title} – RadBench` : 'RadBench';
});
