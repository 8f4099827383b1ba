import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ModemEntity } from 'src/modem/modem.entity';

@Injectable()
export class ModemRepository {
  constructor(@InjectRepository(ModemEntity) private readonly modems: Repository<ModemEntity>) {}

  async upsert(modem: Omit<ModemEntity, 'id'>): Promise<ModemEntity> {
    await this.modems
      .createQueryBuilder()
      .insert()
      .into(ModemEntity)
      .values(modem)
      .orUpdate(
        [
          'state',
          'manufacturer',
          'model',
          'imei',
          'signal',
          'registration',
          'operator',
          'storage_used',
          'storage_total',
          'sim_id',
          'last_seen_at',
          'last_sms_at',
          'last_error',
        ],
        ['node_id', 'port'],
      )
      .execute();
    return this.modems.findOneByOrFail({ nodeId: modem.nodeId, port: modem.port });
  }

  list(): Promise<ModemEntity[]> {
    return this.modems.find({ order: { nodeId: 'ASC', port: 'ASC' } });
  }
}
