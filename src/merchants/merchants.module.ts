import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminGuard } from 'src/api/guards/admin.guard';
import { MerchantGuard } from 'src/api/guards/merchant.guard';
import { ApiKeyEntity } from 'src/merchants/api-key.entity';
import { MerchantController } from 'src/merchants/merchant.controller';
import { MerchantEntity } from 'src/merchants/merchant.entity';
import { MerchantRepository } from 'src/merchants/merchant.repository';
import { MerchantService } from 'src/merchants/merchant.service';

/** Global: every merchant-facing controller authenticates through MerchantGuard. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([MerchantEntity, ApiKeyEntity])],
  controllers: [MerchantController],
  providers: [MerchantRepository, MerchantService, MerchantGuard, AdminGuard],
  exports: [MerchantService, MerchantGuard, AdminGuard],
})
export class MerchantsModule {}
