import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const messagingHandlers = implement(contract.messaging, {
  settings: (_input, { services }) => services.messaging.settingsView(),
  updateSettings: (input, { services, actor }) => services.messaging.updateSettings(actor, input),
  test: (input, { services, actor }) => services.messaging.test(actor, input),
  templates: (_input, { services }) => services.messaging.templates(),
  saveTemplate: (input, { services, actor }) => services.messaging.saveTemplate(actor, input),
  resetTemplate: (input, { services, actor }) => services.messaging.resetTemplate(actor, input),
  preview: (input, { services }) =>
    services.messaging.render(input.customerId, input.template, input.language, input.draft),
  send: (input, { services, actor }) => services.messaging.send(actor, input),
  sendStatement: (input, { services, actor }) => services.messaging.sendStatement(actor, input),
  sendReceipt: (input, { services, actor }) => services.messaging.sendReceipt(actor, input),
  replyHook: (input, { services, actor }) => services.messaging.replyHook(actor, input.renew),
  outbox: (input, { services }) => services.messaging.list(input),
  message: (input, { services }) => services.messaging.message(input.id),
  resend: (input, { services, actor }) => services.messaging.resend(actor, input.id),
  cancel: (input, { services, actor }) => services.messaging.cancel(actor, input.id),
  bulkPreview: (input, { services }) => services.messaging.bulk.preview(input),
  bulkSend: (input, { services, actor }) => services.messaging.bulk.send(actor, input),
  batches: (_input, { services }) => services.messaging.bulk.list(),
  batch: (input, { services }) => services.messaging.bulk.batch(input.id),
  setBatch: (input, { services, actor }) => services.messaging.bulk.set(actor, input.id, input.action),
  reply: (input, { services, actor }) => services.messaging.reply(actor, input),
  checkReplies: (_input, { services, actor }) => services.messaging.checkReplies(actor),
});
