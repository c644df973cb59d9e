import type { Api } from 'grammy';
import type { i18n } from 'i18next';
import type { Logger } from '../logger.js';
import { LANGUAGES } from '../i18n/languages.js';
import { COMMAND_NAMES } from './commands.js';
import { describeError } from './error-boundary.js';

/**
 * Registers the command list (Telegram's "Menu" button) in every language that has translations,
 * keyed by the user's Telegram language_code, plus English as the default. Best effort: a failure
 * is logged and the bot runs on without it.
 */
export async function registerCommands(api: Api, instance: i18n, logger: Logger): Promise<void> {
  const list = (lng: string) =>
    COMMAND_NAMES.map((command) => ({ command, description: instance.t(`commands.${command}`, { lng, ns: 'bot' }) }));
  try {
    await api.setMyCommands(list('en'));
    for (const lng of LANGUAGES) {
      if (instance.getResource(lng, 'bot', 'commands.menu') === undefined) continue;
      await api.setMyCommands(list(lng), { language_code: lng });
    }
  } catch (err) {
    logger.warn({ err: describeError(err) }, 'setMyCommands failed; continuing without the command list');
  }
}
