import { definePage } from '../../pages'

// One visit (#/visits/:id): the link of the host's approval message. A route only (no menu entry); its texts are the
// visitors page's.
export default definePage({
  name: 'visit', path: '/visits/:id', title: 'nav.visitors',
  roles: ['security', 'teacher'],
  component: () => import('./VisitPage.vue'),
})
