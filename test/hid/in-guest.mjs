// What the QEMU guest runs (`node test/hid/in-guest.mjs`, see build-guest.sh): Node 20 cannot load TypeScript by
// itself, so tsx is registered first and the scenario, the watcher and the decoders run from their .ts sources.
import { register } from 'tsx/esm/api';

register();
await import('./guest-scenario.ts');
