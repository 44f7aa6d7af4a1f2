import { CoreError } from '../errors.js';
import type { DomainHandlers, HandlerContext } from './context.js';

/**
 * The bytes of a bundle as the request carries them. Base64 decodes to exactly the file's bytes.
 * A text is turned into UTF-8 only when that is lossless: Buffer.from would silently write a lone
 * surrogate half as a replacement character, importing what the reader refuses.
 */
function bundleBytes(bytes: string | undefined, content: string | undefined): Buffer {
  if (bytes !== undefined) return Buffer.from(bytes, 'base64');
  if (!content!.isWellFormed()) throw new CoreError('invalid_request', 'bundle text with broken Unicode', undefined, { code: 'encoding' });
  return Buffer.from(content!, 'utf8');
}

/** Bundles: export, preview, apply, the import history and its undo. */
export function bundleHandlers({ bs, settings }: HandlerContext) {
  return {
    'bundles.export': (request) => bs().export(request),
    'bundles.preview': ({ bytes, content, passphrase, language }) => bs().preview(bundleBytes(bytes, content), passphrase, language),
    'bundles.apply': ({ previewId }) => bs().apply(previewId),
    'bundles.history': () => bs().history(),
    'bundles.undoLast': () => bs().undoLast(settings.all().language),
  } satisfies DomainHandlers;
}

/** The team folder (docs/team-folder.md). */
export function teamHandlers({ tf, options }: HandlerContext) {
  return {
    'sync.configure': (request) => tf().configure(request),
    'sync.now': () => tf().syncNow(),
    'sync.status': () => tf().status(),
    'sync.chooseFolder': async () => {
      if (!options.chooseFolder) throw new CoreError('unavailable', 'no folder picker here: type the folder path');
      return { folder: await options.chooseFolder() };
    },
  } satisfies DomainHandlers;
}
