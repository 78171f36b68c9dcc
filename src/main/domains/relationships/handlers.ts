import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const relationshipsHandlers = implement(contract.relationships, {
  logInteraction: (input, { services, actor }) => services.relationships.logInteraction(actor, input),
  timeline: (input, { services }) => services.relationships.timeline(input),
  createFollowUp: (input, { services, actor }) => services.relationships.createFollowUp(actor, input),
  followUpFromDebt: (input, { services, actor }) => services.relationships.followUpFromDebt(actor, input),
  followUpFromComplaint: (input, { services, actor }) => services.relationships.followUpFromComplaint(actor, input),
  changeFollowUp: (input, { services, actor }) => services.relationships.changeFollowUp(actor, input),
  followUps: (input, { services }) => services.relationships.forCustomer(input.customerId, input.includeClosed),
  today: (input, { services, actor }) => services.relationships.today(actor, input),
  celebrations: (input, { services }) => services.relationships.celebrations(input.range),
});
