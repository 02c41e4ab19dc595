/**
 * The Action links section: replace the secret that signs the actions' links
 * (settingsReplaceActionSecret), once confirmed, since every link sent before
 * stops working. The secret itself never reaches the sidebar.
 */
import { whileBusy } from './buttons';
import { byId } from './dom';
import { errorsText } from './words';
import { server } from './server';

function replace(): void {
  void whileBusy(byId('secret-go'), server.replaceActionSecret).then((result) => {
    byId('secret-confirm').hidden = true;
    const box = byId('secret-result');
    box.className = result.ok ? 'ok' : 'error';
    box.textContent = result.ok ? result.message : errorsText(result.errors);
  });
}

export function wireActionSecret(): void {
  byId('secret-replace').addEventListener('click', () => {
    byId('secret-result').textContent = '';
    byId('secret-confirm').hidden = false;
  });
  byId('secret-cancel').addEventListener('click', () => {
    byId('secret-confirm').hidden = true;
    byId('secret-result').className = '';
    byId('secret-result').textContent = 'Nothing was changed.';
  });
  byId('secret-go').addEventListener('click', replace);
}
