/** JSONata support shared by completion and hover: the function catalog and expression helpers. */
export { columnReference } from './columnReference';
export { type ExpressionRole, expressionRole } from './expressionSites';
export {
  functionMarkdown,
  type JsonataFunction,
  jsonataFunction,
  jsonataFunctions,
  requiredParams,
  signatureOf,
} from './functions';
export { type ExpressionToken, tokenAt } from './tokenAt';
