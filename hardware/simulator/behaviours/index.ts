/** The default behaviours, in the order the modem offers commands to them. */
import { basicBehaviour, vendorBehaviour } from 'hardware/simulator/behaviours/basic.behaviour';
import { identityBehaviour } from 'hardware/simulator/behaviours/identity.behaviour';
import { networkBehaviour } from 'hardware/simulator/behaviours/network.behaviour';
import { simStatusBehaviour } from 'hardware/simulator/behaviours/sim-status.behaviour';
import { smsConfigBehaviour } from 'hardware/simulator/behaviours/sms-config.behaviour';
import { storageBehaviour } from 'hardware/simulator/behaviours/storage.behaviour';
import type { ModemBehaviour } from 'hardware/simulator/modem-behaviour';

export {
  basicBehaviour,
  vendorBehaviour,
  identityBehaviour,
  networkBehaviour,
  simStatusBehaviour,
  smsConfigBehaviour,
  storageBehaviour,
};

/** sim-status comes first: it gates SIM-dependent commands while the SIM is not ready. */
export function defaultBehaviours(): ModemBehaviour[] {
  return [
    simStatusBehaviour,
    basicBehaviour,
    identityBehaviour,
    networkBehaviour,
    smsConfigBehaviour,
    storageBehaviour,
    vendorBehaviour,
  ];
}
