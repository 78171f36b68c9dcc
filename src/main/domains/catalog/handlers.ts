import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const catalogHandlers = implement(contract.catalog, {
  search: (input, { services }) => services.catalog.search(input),
  get: (input, { services }) => services.catalog.get(input.id),
  byBarcode: (input, { services }) => services.catalog.byBarcode(input.code),
  create: (input, { services, actor }) => services.catalog.create(actor, input),
  update: (input, { services, actor }) => services.catalog.update(actor, input),
  setActive: (input, { services, actor }) => services.catalog.setActive(actor, input.id, input.active),
  adjustStock: (input, { services, actor }) => services.catalog.adjustStock(actor, input),
  stockMoves: (input, { services }) => services.catalog.stockMoves(input.productId, input.limit),
  categories: (_, { services }) => services.catalog.categories(),
  saveCategory: (input, { services, actor }) => services.catalog.saveCategory(actor, input),
  importUpload: (input, { services }) =>
    services.productImport.uploads.put(input.fileName, new Uint8Array(Buffer.from(input.base64, 'base64'))),
  importPreview: ({ uploadId, ...choice }, { services }) =>
    services.productImport.preview(services.productImport.uploads.get(uploadId).bytes, choice),
  importRun: ({ uploadId, onDuplicate, dryRun, ...choice }, { services, actor }) => {
    const upload = services.productImport.uploads.get(uploadId);
    const report = services.productImport.run(actor, upload.bytes, {
      fileName: upload.fileName,
      onDuplicate,
      dryRun,
      choice,
    });
    upload.report = report;
    return report;
  },
  importReportExport: (input, { services }) => services.productImport.uploads.reportCsv(input.uploadId),
});
