import { createApp } from 'vue'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { isScreenPath } from './screen/screen'
import './style.css'

if (isScreenPath(location.pathname, import.meta.env.BASE_URL)) {
  // the guard-room big screen /gatehouse/screen: full screen, no menu, no router
  void import('./screen/ScreenApp.vue').then(m => {
    createApp(m.default).use(i18n).mount('#app')
    document.documentElement.lang = i18n.global.locale.value
    ;(window as any).__gatehouseReady = true
  })
} else if (location.pathname.startsWith(`${import.meta.env.BASE_URL}visit/`)) {
  // the visitor's phone page /gatehouse/visit/<token>: no login, no console
  void import('./visit/VisitApp.vue').then(m => {
    createApp(m.default).use(i18n).mount('#app')
    document.documentElement.lang = i18n.global.locale.value
    ;(window as any).__gatehouseReady = true
  })
} else {
  const app = createApp(App)
  app.use(i18n)
  app.use(router)
  document.documentElement.lang = i18n.global.locale.value
  void router.isReady().then(() => {
    app.mount('#app')
    ;(window as any).__gatehouseReady = true
  })
}
