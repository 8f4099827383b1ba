import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NumbersService } from 'src/numbers/numbers.service';
import { SimController } from 'src/numbers/sim.controller';
import { SimEntity } from 'src/numbers/sim.entity';
import { SimRepository } from 'src/numbers/sim.repository';

@Module({
  imports: [TypeOrmModule.forFeature([SimEntity])],
  controllers: [SimController],
  providers: [SimRepository, NumbersService],
  exports: [NumbersService],
})
export class NumbersModule {}
