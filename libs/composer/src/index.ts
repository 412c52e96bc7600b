export { ReferenceSchema, CitationSchema } from './reference.ts';
export type { Reference, Citation } from './reference.ts';
export type { Composer, ComposeOutcome } from './composer.ts';
export { GroundingReportSchema } from './grounding-report.ts';
export type { GroundingReport } from './grounding-report.ts';
export { TemplateComposer, TEMPLATE_COMPOSER_VERSION } from './template-composer.ts';
export { checkGrounding, numbersIn } from './check-grounding.ts';
