/** What other modules may use of households: the timeline, live changes, pickers and labels, checks, the seed's estates. */
export { publishHouseholdChange } from './households.common.ts';
export { getHouseholdFile } from './households.file.ts';
export {
  householdLabel,
  householdLabels,
  householdOptions,
  type HouseholdOption,
} from './households.pickers.ts';
export { checkPhone, queryTokens } from './households.rules.ts';
export { CAOYANG_1, CAOYANG_2, seedHouseholds } from './households.seed.ts';
export { addTimelineEvent, clearMilestone, recordMilestone } from './households.timeline.ts';
