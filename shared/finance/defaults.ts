/** The shipped default classification rules (resources/rules/default.json), read and checked once. */
import defaultRuleFile from '../../resources/rules/default.json';
import { parseRuleSet, type ClassificationRule } from './rules';

export const DEFAULT_RULES: readonly ClassificationRule[] = parseRuleSet(defaultRuleFile, 'resources/rules/default.json');
