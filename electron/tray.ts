// The tray icon and its menu, rebuilt from state whenever the core's configuration changes.
// Platform splits (as Cherry Studio does): Linux only shows menus set with setContextMenu
// (AppIndicator has no click events to rely on); Windows opens the menu on right-click and
// the dashboard on click; macOS opens the menu on click and uses a template (monochrome)
// image for the normal state so it follows the menu bar's light/dark appearance.
import path from 'node:path';
import type { IconState } from './api-types.js';
import type { ImageLike, ShellElectron, TrayLike } from './electron-like.js';
import {
  buildTrayModel,
  iconState,
  toMenuTemplate,
  tooltip,
  type TrayAction,
  type TrayInput,
} from './tray-model.js';

/** The icon file for a state. PNGs have @2x siblings that Electron picks up on HiDPI screens. */
export function trayIconFile(
  dir: string,
  state: IconState,
  platform: NodeJS.Platform,
): { file: string; template: boolean } {
  if (platform === 'darwin' && state === 'ok')
    return { file: path.join(dir, 'trayTemplate.png'), template: true };
  if (platform === 'win32') return { file: path.join(dir, `tray-${state}.ico`), template: false };
  return { file: path.join(dir, `tray-${state}.png`), template: false };
}

export interface TrayControllerOptions<I extends ImageLike> {
  electron: Pick<ShellElectron<I>, 'Tray' | 'Menu' | 'nativeImage'>;
  platform: NodeJS.Platform;
  iconDir: string;
  state: () => TrayInput;
  dispatch: (action: TrayAction) => void;
  /** Left click on Windows/Linux-with-click-support: show the dashboard. */
  onClick: () => void;
}

export class TrayController<I extends ImageLike> {
  readonly tray: TrayLike<I>;
  private menu: object | undefined;
  private icon: IconState | undefined;
  private readonly images = new Map<IconState, I>();

  constructor(private readonly o: TrayControllerOptions<I>) {
    const input = o.state();
    this.tray = new o.electron.Tray(this.image(iconState(input)));
    this.icon = iconState(input);
    if (o.platform !== 'linux') {
      this.tray.on('right-click', () => this.popUp());
      this.tray.on('click', () => (o.platform === 'darwin' ? this.popUp() : o.onClick()));
    }
    this.refresh();
  }

  /** Rebuilds menu, icon and tooltip from the current state. */
  refresh(): void {
    const input = this.o.state();
    this.menu = this.o.electron.Menu.buildFromTemplate(
      toMenuTemplate(buildTrayModel(input), this.o.dispatch),
    );
    if (this.o.platform === 'linux') this.tray.setContextMenu(this.menu);
    const state = iconState(input);
    if (state !== this.icon) {
      this.tray.setImage(this.image(state));
      this.icon = state;
    }
    this.tray.setToolTip(tooltip(input));
  }

  get iconState(): IconState | undefined {
    return this.icon;
  }

  destroy(): void {
    this.tray.destroy();
  }

  private popUp(): void {
    this.refresh(); // "resets in …" is computed now, not when the state last changed
    this.tray.popUpContextMenu(this.menu);
  }

  private image(state: IconState): I {
    let img = this.images.get(state);
    if (!img) {
      const { file, template } = trayIconFile(this.o.iconDir, state, this.o.platform);
      img = this.o.electron.nativeImage.createFromPath(file);
      if (template) img.setTemplateImage(true);
      this.images.set(state, img);
    }
    return img;
  }
}
