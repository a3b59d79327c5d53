/** A sentence the page offers, with what it shows. */
export interface Example {
  readonly label: string;
  readonly text: string;
}

/**
 * Example sentences. The first pairs show disambiguation: the same word ("bank", "interest", "state")
 * in two contexts gets different top-k predictions from E = M (Q S), because E mixes in the profiles
 * of its neighbours.
 */
export const EXAMPLES: readonly Example[] = [
  { label: 'bank — money sense', text: 'the bank raised the interest rate on the loan' },
  { label: 'bank — river sense', text: 'the boat drifted down the river to the muddy bank' },
  { label: 'interest — money sense', text: 'we pay interest on the public debt' },
  { label: 'interest — concern sense', text: 'it is in the interest of the people' },
  { label: 'state — nation sense', text: 'the state and the federal government' },
  { label: 'state — condition sense', text: 'the state of the union is strong' },
  {
    label: 'a long sentence (truncation)',
    text:
      'in the course of the year the congress passed laws on trade and taxes and the army and the navy and the public lands ' +
      'and the courts and the mails and the territories while the people of every state looked to the government for peace ' +
      'and for the safety of their homes their farms their ships their banks and their schools and asked that the money of ' +
      'the nation be spent with care and that the debt be paid',
  },
];
