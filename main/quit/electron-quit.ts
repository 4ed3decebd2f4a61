// Electron's side of quitting: its quit, window-close and OS shutdown events for the QuitGuard, and the native dialog
// that asks about awards not yet sent.
import { app, dialog, powerMonitor, type BrowserWindow } from 'electron';
import { QUIT_WORDS } from './quit-messages.ts';
import type { QueuedChoice, QueuedPrompt, QuitLifecycle } from './quit-guard.ts';

export function electronQuitLifecycle(window: BrowserWindow): QuitLifecycle {
  return {
    onQuitRequested(handler) {
      app.on('before-quit', (event) => handler({ cancel: () => event.preventDefault() }));
      window.on('close', (event) => handler({ cancel: () => event.preventDefault() }));
    },
    onShutdown(handler) {
      // Linux and macOS tell powerMonitor, and wait a few seconds when asked to (preventDefault; the typings omit the
      // event). Windows tells the window, and gives no way to wait.
      powerMonitor.on('shutdown', (event?: { preventDefault(): void }) => {
        event?.preventDefault();
        handler();
      });
      window.on('session-end', handler);
    },
    exit: () => app.exit(0),
  };
}

export function electronQueuedPrompt(window: BrowserWindow): QueuedPrompt {
  const choices: QueuedChoice[] = ['send', 'quit', 'stay'];
  return {
    async ask(queued, language) {
      const words = QUIT_WORDS[language];
      const { response } = await dialog.showMessageBox(window, {
        type: 'question',
        title: words.title,
        message: words.message(queued),
        detail: words.detail,
        buttons: [words.send, words.quit, words.stay],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
      });
      return choices[response] ?? 'stay';
    },
  };
}
