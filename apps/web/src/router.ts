import { createRouter, createWebHistory } from 'vue-router';
import { session } from './session.js';
import { loadSession } from './load-session.js';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    // Home depends on the key: rankings for the offices, the unit's own page for an assessed unit (after the guard loaded it).
    { path: '/', component: { render: () => null }, beforeEnter: () => (session.me?.may.readRankings ? '/rankings' : `/units/${session.me?.actor.unitId}`) },
    { path: '/sign-in', component: () => import('./pages/SignInPage.vue'), meta: { public: true } },
    { path: '/rankings', component: () => import('./pages/RankingsPage.vue') },
    { path: '/units/:unitId', component: () => import('./pages/UnitPage.vue') },
    { path: '/trail', component: () => import('./pages/TrailPage.vue') },
    { path: '/disputes', component: () => import('./pages/DisputesPage.vue') },
    { path: '/record', component: () => import('./pages/RecordPage.vue') },
    { path: '/results', component: () => import('./pages/ResultsPage.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  if (!session.key) return { path: '/sign-in' };
  if (!session.me) {
    try {
      await loadSession();
    } catch {
      return { path: '/sign-in' };
    }
  }
  return true;
});
