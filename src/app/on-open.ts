/** onOpen (simple trigger): adds the "Chat Relay" menu. */
import { addMenu } from './menu';
import { Services } from './services';

export function onOpen(services: Services): void {
  addMenu(services.ui());
}
