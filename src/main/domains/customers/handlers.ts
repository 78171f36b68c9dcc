import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';
import { importHandlers } from './import/handlers';

export const customerHandlers = implement(contract.customers, {
  search: (input, { services }) => services.customers.search(input),
  get: (input, { services, actor }) => {
    const customer = services.customers.get(input.id);
    // views are audited apart from the record's own history (entity "privacy"), for the audit log to filter
    if (input.view)
      services.audit.record(actor, {
        action: 'customer.view',
        entity: 'privacy',
        entityId: input.id,
        note: 'opened the full record',
      });
    return customer;
  },
  create: (input, { services, actor }) => services.customers.create(actor, input),
  update: (input, { services, actor }) => services.customers.update(actor, input),
  setStatus: (input, { services, actor }) => services.customers.setStatus(actor, input.id, input.status),
  delete: (input, { services, actor }) => {
    services.customers.delete(actor, input.id);
    return null;
  },
  merge: (input, { services, actor }) => services.customerMerge.merge(actor, input),
  erase: (input, { services, actor }) => services.customerErase.erase(actor, input.id, input.confirm),
  exportData: (input, { services, actor }) => services.customerData.export(actor, input.id),
  retention: (_input, { services }) => services.customerRetention.candidates(),
  setRetention: (input, { services, actor }) => services.customerRetention.setYears(actor, input.years),
  eraseByRetention: (input, { services, actor }) => services.customerRetention.eraseApproved(actor, input.ids),
  history: (input, { services }) => services.customers.history(input.id, input.cursor, input.limit),
  categories: (_, { services }) => services.customers.categories(),
  saveCategory: (input, { services, actor }) => services.customers.saveCategory(actor, input),
  deleteCategory: (input, { services, actor }) => services.customers.deleteCategory(actor, input.id),
  generateCard: (input, { services, actor }) => services.customers.generateCard(actor, input.id),
  export: async (input, { services, actor }) => {
    const file = await services.customerExport.run(actor, input);
    return { fileName: file.fileName, mimeType: file.mimeType, base64: file.bytes.toString('base64'), rows: file.rows };
  },
  exportCount: (input, { services }) => services.customerExport.count(input.filter),
  tagMany: (input, { services, actor }) => services.customers.tagMany(actor, input),
  ...importHandlers,
});
