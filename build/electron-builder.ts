import type { Configuration } from 'electron-builder';
import { APP_ID } from '../main/core/meta.js';

/**
 * Installers: `npm run dist` (docs/release.md: each system, signing and notarisation).
 * The Electron runtime and the packaging tools are downloaded at build time, so this runs on a
 * machine with an internet connection; offline CI builds only the `dir` target
 * (tests/e2e/packaging.test.ts), which also checks what can be checked of this file offline.
 * Typed, so that `npm run typecheck` catches a misspelt option.
 */
const config: Configuration = {
  // The app sets the same id as its AppUserModelID: Windows shows its notifications only when the
  // id matches the one the installer gives the Start menu shortcut. The product name (window
  // titles, install folder, data folder) comes from package.json's productName.
  appId: APP_ID,
  copyright: 'Focal Point Desk contributors',
  directories: { output: 'dist', buildResources: 'build' },
  files: ['out/**', 'package.json', '!**/*.map'],
  asar: true,

  // No update server and no auto-update: the app is an offline tool, and a new version is
  // installed by hand over the old one (docs/release.md). Nothing is uploaded after a build.
  publish: null,

  // Electron fuses, flipped in the packaged executable before signing (electron-builder runs
  // @electron/fuses on it). `npx @electron/fuses read --app <path>` shows them on an installed copy.
  electronFuses: {
    // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node that runs any script.
    // Nothing in main/ forks the Electron executable as Node.
    runAsNode: false,
    // NODE_OPTIONS / NODE_EXTRA_CA_CERTS from the environment would inject code or trust.
    enableNodeOptionsEnvironmentVariable: false,
    // --inspect and friends (and SIGUSR1) would open a debugger on the main process.
    enableNodeCliInspectArguments: false,
    // The app keeps no cookies, but Chromium's cookie store is encrypted with the OS keychain anyway.
    enableCookieEncryption: true,
    // app.asar is checked against the hash electron-builder embeds in the executable (macOS and
    // Windows; Electron does not support it on Linux, where the fuse has no effect).
    enableEmbeddedAsarIntegrityValidation: true,
    // Load the app only from app.asar, not from a loose resources/app folder placed beside it.
    onlyLoadAppFromAsar: true,
    // The app is served from its own app:// protocol (main/electron/protocol.ts), never file://.
    grantFileProtocolExtraPrivileges: false,
    // loadBrowserProcessSpecificV8Snapshot stays at Electron's default (off): the app ships no
    // V8 snapshot of its own.
  },

  fileAssociations: [
    {
      ext: 'fpbundle',
      name: 'Focal Point Desk bundle',
      description: 'Focal Point Desk data bundle',
      mimeType: 'application/x-fpbundle+json',
      role: 'Editor',
      // build/fpbundle.icns (macOS) and build/fpbundle.ico (Windows NSIS). electron-builder has no
      // document icon on Linux (the MIME type gets the theme's x-office-document) nor in an MSI.
      icon: 'fpbundle',
    },
  ],

  // App icon: build/icon.icns (macOS), build/icon.ico (Windows), build/icons/ (Linux), found by
  // name in buildResources. All are made from build/icon.svg by build/make-icons.mjs and
  // committed, so nothing is converted (or downloaded) at build time.

  win: {
    // NSIS for people installing it themselves; MSI for IT departments (Group Policy, Intune, SCCM).
    target: ['nsis', 'msi'],
  },
  nsis: {
    // Assisted installer with the "only for me / anyone who uses this computer" page, "only for
    // me" chosen: a per-user install into %LOCALAPPDATA%\Programs that needs no administrator
    // rights. "Anyone" (or `/allusers` on the command line) installs per machine after an
    // elevation prompt. NSIS registers the .fpbundle type under the same scope (HKCU for a
    // per-user install: its FileAssociation.nsh writes to SHELL_CONTEXT).
    oneClick: false,
    perMachine: false,
    selectPerMachineByDefault: false,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    // The data folder (%APPDATA%\Focal Point Desk) is the user's work: uninstalling keeps it.
    deleteAppDataOnUninstall: false,
  },
  msi: {
    // Per machine, into Program Files, for deployment by IT (`msiexec /i … /qn`).
    perMachine: true,
    // Pinned (it is the code electron-builder derives from appId): Windows Installer upgrades an
    // installed copy in place only while this stays the same from version to version.
    upgradeCode: '973450F3-7F6F-5737-9922-1142CFCC8285',
  },

  mac: {
    target: [{ target: 'dmg', arch: ['arm64', 'x64'] }],
    category: 'public.app-category.productivity',
    hardenedRuntime: true,
    // Only what Electron needs under the hardened runtime (see the files).
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.inherit.plist',
    // Notarised when APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER, or APPLE_ID +
    // APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID, are set; skipped with a warning otherwise.
    notarize: true,
  },

  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    executableName: 'focal-point-desk',
    maintainer: 'Focal Point Desk contributors',
    synopsis: 'Local-first workspace for the WPS National Focal Points Network',
    // The desktop entry electron-builder writes gets `MimeType=application/x-fpbundle+json;` from
    // fileAssociations and `Exec=… %U`; the deb also installs the MIME type (shared-mime-info).
    desktop: { entry: { Keywords: 'NAP;WPS;Women Peace and Security;focal point;bundle;' } },
  },
};

export default config;
