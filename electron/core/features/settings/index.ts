/** What the settings feature offers the other features and the doors; everything else is private to it. */
export { getDocumentSettings, updateDocumentSettings } from './document-settings.service';
export { settingsHandlers } from './settings.handlers';
export { readSettings, writeSetting } from './settings.repository';
export { getUnitSettings } from './settings.service';
