import type { DomainHandlers, HandlerContext } from './context.js';

/** The app itself: what it is, its settings and the person's profile. */
export function appHandlers({ info, settings, events }: HandlerContext) {
  return {
    'app.info': () => info(),
    'settings.get': () => settings.public(),
    'settings.set': (patch) => {
      const next = settings.update(patch);
      events.emit('settings.changed', next);
      return next;
    },
    'profile.get': () => settings.public().profile,
    'profile.set': (profile) => {
      const next = settings.setProfile(profile);
      events.emit('settings.changed', next);
      return next;
    },
  } satisfies DomainHandlers;
}
