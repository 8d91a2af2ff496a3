// Random and hostile form values sent to the incubation actions (fast-check, fixed seeds): never a 5xx; a
// refusal is a 4xx with a message and leaves the database as it was; a success stores what was sent.
import { badInputSuite } from "#tests/support/bad-input-suite";

await badInputSuite("incubation");
