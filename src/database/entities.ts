import { BankAccountEntity } from 'src/accounts/bank-account.entity';
import { CallbackAttemptEntity } from 'src/callbacks/callback-attempt.entity';
import { CallbackEndpointEntity } from 'src/callbacks/callback-endpoint.entity';
import { DepositEntity } from 'src/deposits/deposit.entity';
import { ApiKeyEntity } from 'src/merchants/api-key.entity';
import { MerchantEntity } from 'src/merchants/merchant.entity';
import { ModemEntity } from 'src/modem/modem.entity';
import { SimEntity } from 'src/numbers/sim.entity';
import { InboundSmsEntity } from 'src/sms/inbound-sms.entity';
import { SmsPartEntity } from 'src/sms/sms-part.entity';

export const ENTITIES = [
  MerchantEntity,
  ApiKeyEntity,
  BankAccountEntity,
  SimEntity,
  ModemEntity,
  InboundSmsEntity,
  SmsPartEntity,
  DepositEntity,
  CallbackAttemptEntity,
  CallbackEndpointEntity,
];
