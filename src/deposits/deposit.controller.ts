import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentMerchant, MerchantGuard } from 'src/api/guards/merchant.guard';
import { kstParts } from 'src/common/clock';
import { rootLogger } from 'src/common/logger';
import { Page } from 'src/common/pagination';
import { DepositExportService, ExportAbortedError } from 'src/deposits/deposit-export.service';
import { DepositFilter } from 'src/deposits/deposit-filter';
import { DeleteDepositsDto, DepositFilterDto, DepositQueryDto } from 'src/deposits/deposit.dto';
import { AttemptView, DepositFeed, DepositService, DepositView } from 'src/deposits/deposit.service';
import { MerchantEntity } from 'src/merchants/merchant.entity';

const logger = rootLogger.child({ module: 'deposit-export' });
const FEED_DEFAULT_LIMIT = 100;

const EXPORT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

@ApiTags('merchant')
@ApiBearerAuth()
@UseGuards(MerchantGuard)
@Controller('deposits')
export class DepositController {
  constructor(
    private readonly deposits: DepositService,
    private readonly exporter: DepositExportService,
  ) {}

  /** 입금통보리스트 (newest first, paged), or with `since` the feed of what is new after a cursor. */
  @Get()
  list(
    @CurrentMerchant() merchant: MerchantEntity,
    @Query() query: DepositQueryDto,
  ): Promise<Page<DepositView> | DepositFeed> {
    const { page, pageSize, since, limit, ...criteria } = query;
    if (since !== undefined) {
      return this.deposits.feed(merchant.id, since, criteria, limit ?? FEED_DEFAULT_LIMIT);
    }
    return this.deposits.list(merchant.id, criteria, { page, pageSize });
  }

  /** 엑셀다운로드: every row the same filters list, as .xlsx. */
  @Get('export.xlsx')
  exportXlsx(
    @CurrentMerchant() merchant: MerchantEntity,
    @Query() query: DepositFilterDto,
    @Res() response: Response,
  ): Promise<void> {
    return this.export('xlsx', this.deposits.filterOf(merchant.id, query), response);
  }

  /** The same rows as CSV (UTF-8 with BOM). */
  @Get('export.csv')
  exportCsv(
    @CurrentMerchant() merchant: MerchantEntity,
    @Query() query: DepositFilterDto,
    @Res() response: Response,
  ): Promise<void> {
    return this.export('csv', this.deposits.filterOf(merchant.id, query), response);
  }

  /** Bulk soft delete. */
  @Post('delete')
  @HttpCode(200)
  deleteMany(
    @CurrentMerchant() merchant: MerchantEntity,
    @Body() body: DeleteDepositsDto,
  ): Promise<{ deleted: string[]; notFound: string[] }> {
    return this.deposits.deleteMany(merchant.id, body.tids);
  }

  @Get(':tid')
  get(@CurrentMerchant() merchant: MerchantEntity, @Param('tid') tid: string): Promise<DepositView> {
    return this.deposits.get(merchant.id, tid);
  }

  @Get(':tid/attempts')
  attempts(@CurrentMerchant() merchant: MerchantEntity, @Param('tid') tid: string): Promise<AttemptView[]> {
    return this.deposits.attempts(merchant.id, tid);
  }

  /** Soft delete: gone from list, statistics and export, kept for audit; no further callback. */
  @Delete(':tid')
  @HttpCode(204)
  delete(@CurrentMerchant() merchant: MerchantEntity, @Param('tid') tid: string): Promise<void> {
    return this.deposits.delete(merchant.id, tid);
  }

  /** Headers go out only once the filter is valid; a failure after that can only cut the download. */
  private async export(
    type: keyof typeof EXPORT_TYPES,
    filter: DepositFilter,
    response: Response,
  ): Promise<void> {
    const today = kstParts(new Date());
    const stamp = `${today.year}${String(today.month).padStart(2, '0')}${String(today.day).padStart(2, '0')}`;
    response.status(200);
    response.setHeader('content-type', EXPORT_TYPES[type]);
    response.setHeader('content-disposition', `attachment; filename="deposits-${stamp}.${type}"`);
    try {
      await (type === 'xlsx'
        ? this.exporter.writeXlsx(filter, response)
        : this.exporter.writeCsv(filter, response));
    } catch (error) {
      if (!(error instanceof ExportAbortedError)) {
        logger.error({ err: error, merchantId: filter.merchantId }, 'export failed midway');
      }
      response.destroy();
    }
  }
}
