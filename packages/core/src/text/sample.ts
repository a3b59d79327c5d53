/**
 * A short built-in English text for demos and tests, one sentence per line (so the default `line`
 * documents are sentences). It uses "bank" in both senses, the side of a river and a lender of money,
 * so projections of "river bank water" and "bank loan money" show the word taking its sense from its
 * neighbours (SPEC B.5). Written for this project and dedicated to the public domain (CC0).
 */
export const SAMPLE_TEXT = `The river runs slowly past the old mill and under the stone bridge.
In spring the water rises and covers the low bank on the west side of the river.
Children fish from the grassy bank while the water moves past them.
Willows grow along the bank and their roots hold the soft earth against the river.
After heavy rain the river floods and the water carries mud and branches downstream.
A heron waits on the muddy bank and watches the shallow water for fish.
The farmers lead their cattle down the bank to drink the cool water of the river.
Boats are tied to posts on the far bank where the river is deep and wide.
In the town a new bank opened its doors on the main street.
The bank lends money to families who want to buy a house.
A young couple asked the bank for a loan to start a bakery.
The clerk at the bank checked their savings and the money they earned each month.
The loan was approved and the bank paid the money into their account.
Each month they repay part of the loan with interest to the bank.
Some people keep their money in the bank because it pays interest on savings.
Others borrow money from the bank when a loan helps them build a business.
When the river flooded the town the bank offered a loan to repair the bridge.
The miller kept his money in a box and never trusted the bank.
He said the river gave him water and the water gave him money.
On summer evenings people walk along the river bank and watch the water turn gold.
The bank manager also likes to walk by the river after counting the money.
A loan is money that must be paid back, but the river asks for nothing.
`;
