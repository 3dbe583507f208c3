/**
 * The rule catalogue (../shared/spec/RULES.md), in catalogue order. One module
 * per rule; each declares its id, default severity, description and docs link.
 */
import type { Rule } from '../rule';
import { rule as frontmatterMissing } from './frontmatter-missing';
import { rule as frontmatterSyntax } from './frontmatter-syntax';
import { rule as requiredField } from './required-field';
import { rule as unknownField } from './unknown-field';
import { rule as fieldType } from './field-type';
import { rule as invalidDate } from './invalid-date';
import { rule as agendaItemNumber } from './agenda-item-number';
import { rule as confidentialReason } from './confidential-reason';
import { rule as unknownStrategicObjective } from './unknown-strategic-objective';
import { rule as strategicObjectiveText } from './strategic-objective-text';
import { rule as duplicateStrategicObjective } from './duplicate-strategic-objective';
import { rule as riskReferenceMissing } from './risk-reference-missing';
import { rule as unknownRisk } from './unknown-risk';
import { rule as riskTitleMismatch } from './risk-title-mismatch';
import { rule as assessmentJustification } from './assessment-justification';
import { rule as decisionWithoutAssessment } from './decision-without-assessment';
import { rule as committeeDateOrder } from './committee-date-order';
import { rule as unknownCommittee } from './unknown-committee';
import { rule as committeeOutcomeMissing } from './committee-outcome-missing';
import { rule as missingHealthInequalitiesSection } from './missing-health-inequalities-section';
import { rule as missingSection } from './missing-section';
import { rule as placeholderSection } from './placeholder-section';
import { rule as placeholderField } from './placeholder-field';
import { rule as healthInequalitiesBreakdown } from './health-inequalities-breakdown';
import { rule as recommendationPurpose } from './recommendation-purpose';
import { rule as executiveSummaryLength } from './executive-summary-length';
import { rule as undefinedAcronym } from './undefined-acronym';
import { rule as imageAltText } from './image-alt-text';
import { rule as headingOrder } from './heading-order';
import { rule as duplicateAgendaItem } from './duplicate-agenda-item';
import { rule as agendaPaperMissing } from './agenda-paper-missing';
import { rule as paperNotOnAgenda } from './paper-not-on-agenda';
import { rule as agendaPaperMismatch } from './agenda-paper-mismatch';
import { rule as agendaSyntax } from './agenda-syntax';
import { rule as meetingNameNearMiss } from './meeting-name-near-miss';

export const RULES: readonly Rule[] = [
  frontmatterMissing,
  frontmatterSyntax,
  requiredField,
  unknownField,
  fieldType,
  invalidDate,
  agendaItemNumber,
  confidentialReason,
  unknownStrategicObjective,
  strategicObjectiveText,
  duplicateStrategicObjective,
  riskReferenceMissing,
  unknownRisk,
  riskTitleMismatch,
  assessmentJustification,
  decisionWithoutAssessment,
  committeeDateOrder,
  unknownCommittee,
  committeeOutcomeMissing,
  missingHealthInequalitiesSection,
  missingSection,
  placeholderSection,
  placeholderField,
  healthInequalitiesBreakdown,
  recommendationPurpose,
  executiveSummaryLength,
  undefinedAcronym,
  imageAltText,
  headingOrder,
  duplicateAgendaItem,
  // On agenda files (core/agenda/check.ts): their per-paper check does nothing.
  agendaPaperMissing,
  paperNotOnAgenda,
  agendaPaperMismatch,
  agendaSyntax,
  meetingNameNearMiss,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
