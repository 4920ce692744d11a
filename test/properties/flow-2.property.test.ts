// Shard 2 of the respondent flow's property (test/properties/flow.ts).
import { flowProperty } from './flow.js';

flowProperty(2);
