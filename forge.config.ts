// Electron Forge: `npm run make` (= scripts/build.mjs, then `electron-forge make`) builds the
// installers — NSIS (Windows), DMG (macOS), AppImage (Linux). See docs/desktop.md for what was
// verified and what only runs on the CI runners (.github/workflows/release.yml).
//
// Two layouts of the same code:
//   npm start  → tsc: dist/electron/main.js, importing dist/core (package.json "main")
//   npm run make → Vite (this file): .vite/build/main.js with the core bundled in;
//                  the packaged package.json's "main" is rewritten to .vite/build/main.js.
// No renderer entry: the window loads the dashboard over HTTP from the core, which serves the
// same dist/renderer a browser gets. It ships as an extra resource (resources/renderer) and
// the shell passes that directory to the core; the tray icons ship as resources/tray.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ForgeConfig, ForgePlatform } from '@electron-forge/shared-types';
import { MakerBase, type MakerOptions } from '@electron-forge/maker-base';
import { MakerDMG } from '@electron-forge/maker-dmg';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { Configuration } from 'app-builder-lib';

const APP_ID = 'dev.omniroute.desktop';
const PRODUCT_NAME = 'OmniRoute';
const root = path.dirname(fileURLToPath(import.meta.url));

/** electron-builder options shared by the NSIS and AppImage makers. */
const builderConfig: Configuration = {
  appId: APP_ID,
  productName: PRODUCT_NAME,
  win: { icon: 'build/icon.ico' },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    shortcutName: PRODUCT_NAME,
    installerIcon: 'build/icon.ico',
    uninstallerIcon: 'build/icon.ico',
  },
  linux: { icon: 'build/icon.png', category: 'Development', executableName: 'omniroute' },
  appImage: { artifactName: 'OmniRoute-${version}-${arch}.AppImage' },
};

/**
 * electron-forge-maker-nsis / -appimage export a bare function (the pre-Forge-6 maker shape)
 * that Forge 7 cannot instantiate, and they pass no electron-builder options (app id, icons).
 * This adapter gives Forge 7 the MakerBase class it needs and calls the same function the two
 * packages call (app-builder-lib's buildForge) with our options.
 */
abstract class ElectronBuilderMaker extends MakerBase<Configuration> {
  abstract readonly target: 'nsis' | 'appimage';
  override isSupportedOnCurrentPlatform(): boolean {
    return true;
  }
  override async make({ dir, makeDir, targetArch, targetPlatform }: MakerOptions): Promise<string[]> {
    const { buildForge } = await import('app-builder-lib');
    const key = targetPlatform === 'win32' ? 'win' : 'linux';
    return buildForge(
      { dir },
      {
        [key]: [`${this.target}:${targetArch}`],
        config: { ...builderConfig, ...this.config, directories: { output: makeDir } },
      },
    );
  }
}
class MakerNSIS extends ElectronBuilderMaker {
  name = 'electron-forge-maker-nsis';
  defaultPlatforms: ForgePlatform[] = ['win32'];
  target = 'nsis' as const;
}
class MakerAppImage extends ElectronBuilderMaker {
  name = 'electron-forge-maker-appimage';
  defaultPlatforms: ForgePlatform[] = ['linux'];
  target = 'appimage' as const;
}

/**
 * The Vite plugin insists that package.json "main" points into .vite/; ours points at the tsc
 * output that `npm start` runs. Instead of changing it, the packaged copy gets the Vite entry.
 */
class OmniRouteVitePlugin extends VitePlugin {
  override packageAfterCopy = async (_config: unknown, buildPath: string): Promise<void> => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    pkg.main = '.vite/build/main.js';
    pkg.productName = PRODUCT_NAME;
    delete pkg.scripts;
    delete pkg.devDependencies;
    delete pkg.config;
    writeFileSync(path.join(buildPath, 'package.json'), JSON.stringify(pkg, null, 2));
  };
}

const KEEP = /^\/(\.vite|node_modules)(\/|$)|^\/package\.json$/;

const config: ForgeConfig = {
  packagerConfig: {
    name: PRODUCT_NAME,
    executableName: 'omniroute',
    appBundleId: APP_ID,
    appCategoryType: 'public.app-category.developer-tools',
    icon: 'build/icon', // .icns on macOS, .ico on Windows, .png on Linux
    // Native modules cannot be loaded from inside an asar.
    asar: { unpack: '**/*.node' },
    // Only the Vite output and the production node_modules (devDependencies are pruned).
    ignore: (file: string) => !!file && !KEEP.test(file),
    extraResource: [
      'build/tray',
      ...(existsSync(path.join(root, 'dist', 'renderer')) ? ['dist/renderer'] : []),
    ],
    win32metadata: { CompanyName: PRODUCT_NAME, ProductName: PRODUCT_NAME },
  },
  // better-sqlite3 is rebuilt against the packaged Electron's headers after the copy.
  rebuildConfig: { onlyModules: ['better-sqlite3'], force: true },
  makers: [
    new MakerNSIS({}, ['win32']),
    new MakerDMG({ format: 'ULFO', icon: 'build/icon.icns', name: PRODUCT_NAME }, ['darwin']),
    new MakerAppImage({}, ['linux']),
  ],
  plugins: [
    new OmniRouteVitePlugin({
      build: [{ entry: 'electron/main.ts', config: 'electron/vite.main.config.ts', target: 'main' }],
      renderer: [],
    }),
  ],
};

export default config;
