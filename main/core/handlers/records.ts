import { summariseActionPoints } from '../../../shared/records/action-points.js';
import { createMainI18n } from '../i18n.js';
import { applyTemplate, duplicateNap, reschedule, snapshotNap } from '../workflows.js';
import type { Workspace } from '../workspace.js';
import type { DomainHandlers, HandlerContext } from './context.js';

/** Records: edits, reads, history, conflicts and backups. */
export function recordHandlers({ ws, team }: HandlerContext) {
  return {
    'records.create': (request) => ws().create(request as Parameters<Workspace['create']>[0]),
    'records.update': (request) => ws().update(request),
    'records.updateMany': async ({ items }) => ({ updated: (await ws().updateMany(items)).length }),
    'records.delete': ({ id }) => ws().delete(id),
    'records.restore': ({ id }) => ws().restore(id),
    'records.move': (request) => ws().move(request),
    'records.get': (request) => ws().get(request),
    'records.query': (request) => ws().find(request),
    'records.history': (request) => ws().history(request),
    'actions.summary': ({ today, limit }) => summariseActionPoints(ws().views('action'), today, limit),
    'conflicts.list': () => ws().conflicts(),
    'conflicts.resolve': (request) => ws().resolve(request),
    'backups.list': () => ws().listBackups(),
    'backups.create': () => ws().backup('manual'),
    'backups.restore': async ({ id }) => {
      const records = await ws().restoreBackup(id);
      await team?.restored();
      return { records };
    },
  } satisfies DomainHandlers;
}

/** The steps that write several records at once: a snapshot, a plan's next generation, a meeting's procedure. */
export function workflowHandlers({ ws, settings, options }: HandlerContext) {
  return {
    'naps.snapshot': ({ napId, name }) => snapshotNap(ws(), napId, name, new Date(options.wall?.() ?? Date.now())),
    'naps.duplicate': ({ id }) => duplicateNap(ws(), id),
    'meetings.applyTemplate': async ({ meetingId }) => ({
      created: await applyTemplate(ws(), meetingId, createMainI18n(settings.all().language)),
    }),
    'meetings.reschedule': ({ meetingId, apply }) => reschedule(ws(), meetingId, apply),
  } satisfies DomainHandlers;
}
