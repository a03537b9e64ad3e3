import type { TFunction } from 'i18next';
import type { RedirectTarget, SuggestionChannel, SuggestionStatus } from '../../../contract/suggestions.ts';

export const statusLabel = (t: TFunction, status: SuggestionStatus) => t(`suggestions.status.${status}`);
export const channelLabel = (t: TFunction, channel: SuggestionChannel) => t(`suggestions.channel.${channel}`);
export const redirectLabel = (t: TFunction, target: RedirectTarget) => t(`suggestions.redirect.${target}`);
