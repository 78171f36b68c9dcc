import type { ImportChoice } from '../../../../shared/contract/customer-import';
import type { HandlerContext } from '../../../host/router';
import type { LayoutChoice } from './layout';

/** The wizard's choices as the importer takes them (the upload id is not one). */
function choiceOf({ uploadId: _u, ...choice }: ImportChoice): LayoutChoice {
  return choice;
}

type Ctx = Pick<HandlerContext, 'services' | 'actor'>;

/** The import wizard's procedures (contract: customerImportProcedures), spread into the customers handlers. */
export const importHandlers = {
  importUpload: (input: { fileName: string; base64: string }, { services }: Ctx) =>
    services.customerImports.upload(input.fileName, new Uint8Array(Buffer.from(input.base64, 'base64'))),
  importPreview: (input: ImportChoice, { services }: Ctx) =>
    services.customerImports.preview(input.uploadId, choiceOf(input)),
  importDryRun: (input: ImportChoice & { onDuplicate: 'skip' | 'update'; createCategories: boolean }, ctx: Ctx) =>
    ctx.services.customerImports.run(ctx.actor, input.uploadId, { ...choiceOf(input), dryRun: true }),
  importCommit: (input: ImportChoice & { onDuplicate: 'skip' | 'update'; createCategories: boolean }, ctx: Ctx) =>
    ctx.services.customerImports.run(ctx.actor, input.uploadId, { ...choiceOf(input), dryRun: false }),
  importCancel: (input: { uploadId: string }, { services }: Ctx) => services.customerImports.cancel(input.uploadId),
  importReportExport: (input: { uploadId: string }, { services }: Ctx) =>
    services.customerImports.report(input.uploadId),
  importTemplate: (_: null, { services }: Ctx) => services.customerImports.template(),
};
