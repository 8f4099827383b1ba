import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DepositEntity } from 'src/deposits/deposit.entity';
import { StatsController } from 'src/stats/stats.controller';
import { StatsRepository } from 'src/stats/stats.repository';
import { StatsService } from 'src/stats/stats.service';

@Module({
  imports: [TypeOrmModule.forFeature([DepositEntity])],
  controllers: [StatsController],
  providers: [StatsRepository, StatsService],
})
export class StatsModule {}
