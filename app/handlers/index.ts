// Every contract method's handler, in one table the dispatcher looks up.
import { awardHandlers } from './award.ts';
import { displayHandlers } from './display.ts';
import { hubHandlers } from './hub.ts';
import { managerHandlers } from './manager.ts';
import { historyHandlers, queueHandlers } from './queue-and-history.ts';
import { credentialsHandlers, scannerHandlers, settingsHandlers } from './settings.ts';
import { shiftHandlers } from './shift.ts';
import type { HandlerTable } from './types.ts';

export const handlers: HandlerTable = {
  'app.info': (core) => ({
    version: core.ports.version,
    environment: core.env.environment,
    training: core.env.environment === 'training',
    host: core.ports.host,
    storeName: core.settings.value.storeName,
    terminalName: core.settings.value.terminalName,
  }),
  ...awardHandlers,
  ...queueHandlers,
  ...historyHandlers,
  ...managerHandlers,
  ...settingsHandlers,
  ...credentialsHandlers,
  ...scannerHandlers,
  ...hubHandlers,
  ...shiftHandlers,
  ...displayHandlers,
};
