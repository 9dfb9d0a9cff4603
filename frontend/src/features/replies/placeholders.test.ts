import { describe, expect, it } from 'vitest';
import { fillPlaceholders } from './placeholders';

const TICKET = { id: 42, title: 'Charged twice', requester_name: 'Ann' };

describe('fillPlaceholders', () => {
  it('fills in the ticket, the customer and the agent', () => {
    expect(fillPlaceholders('Hi {{customer.name}}, about #{{ticket.id}} ({{ticket.title}}): done. {{agent.name}}', TICKET, 'Dana')).toBe(
      'Hi Ann, about #42 (Charged twice): done. Dana',
    );
  });

  it('greets a customer who gave no name as "there"', () => {
    expect(fillPlaceholders('Hello {{customer.name}},', { ...TICKET, requester_name: null }, 'Dana')).toBe('Hello there,');
    expect(fillPlaceholders('Hello {{customer.name}},', { ...TICKET, requester_name: '' }, 'Dana')).toBe('Hello there,');
  });

  it('fills each placeholder every time it appears', () => {
    expect(fillPlaceholders('{{agent.name}} / {{agent.name}}', TICKET, 'Dana')).toBe('Dana / Dana');
  });

  it('leaves unknown placeholders and near misses as written', () => {
    expect(fillPlaceholders('{{ticket.status}} {{ ticket.id }} {ticket.id} {{Ticket.id}}', TICKET, 'Dana')).toBe(
      '{{ticket.status}} {{ ticket.id }} {ticket.id} {{Ticket.id}}',
    );
  });

  it('fills in one pass: a value holding a placeholder stays as written', () => {
    expect(fillPlaceholders('{{ticket.title}} by {{agent.name}}', { ...TICKET, title: 'Ask {{agent.name}}' }, 'Dana')).toBe(
      'Ask {{agent.name}} by Dana',
    );
  });

  it('keeps replacement patterns in values literal', () => {
    expect(fillPlaceholders('Re: {{ticket.title}}', { ...TICKET, title: "$& and $' cost $1" }, 'Dana')).toBe("Re: $& and $' cost $1");
  });
});
