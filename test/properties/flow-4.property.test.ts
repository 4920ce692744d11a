// Shard 4 of the respondent flow's property (test/properties/flow.ts).
import { flowProperty } from './flow.js';

flowProperty(4);
