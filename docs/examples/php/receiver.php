<?php
// Ipgeum 입금 콜백 수신 예제 (PHP 7.4+ / 8.x, 추가 확장 없음: hash, iconv, json)
// Ipgeum callback receiver for PHP shops.
//
// 설치: 이 파일을 웹서버에 두고 계좌의 callbackUrl 로 등록합니다. IPGEUM_SECRET 환경변수
// (또는 아래 $secret)에 가맹점 callbackSecret(whsec_...)을 넣습니다.
// Try it:  IPGEUM_SECRET='whsec_...' php -S 127.0.0.1:8080 receiver.php
//
// query 형식(GET): 서명 검증 후 본문 "OK" 를 출력해야 전송성공입니다.
// json 형식(POST, Standard Webhooks): 서명 검증 후 2xx 로 응답합니다.

$secret = getenv('IPGEUM_SECRET') ?: 'whsec_여기에_callbackSecret';
$previousSecret = getenv('IPGEUM_PREVIOUS_SECRET') ?: ''; // 키 교체 기간에만
$tolerance = 300; // 5분보다 오래된 서명은 거절 (재전송 공격 방지)

/** tid 기준 중복 처리: 같은 입금은 재시도·수동전송으로 여러 번 올 수 있습니다.
 *  실제 쇼핑몰에서는 DB 의 tid UNIQUE 제약으로 처리하세요. 예제는 임시 파일을 씁니다. */
function book_deposit(array $deposit)
{
    $store = sys_get_temp_dir() . '/ipgeum-booked-' . md5(getenv('IPGEUM_SECRET') ?: '') . '.txt';
    $booked = is_file($store) ? file($store, FILE_IGNORE_NEW_LINES) : [];
    $duplicate = in_array($deposit['tid'], $booked, true);
    if (!$duplicate && !$deposit['test']) {
        file_put_contents($store, $deposit['tid'] . "\n", FILE_APPEND | LOCK_EX); // 주문 입금확인 처리
    }
    $deposit['duplicate'] = $duplicate;
    file_put_contents('php://stdout', json_encode($deposit, JSON_UNESCAPED_UNICODE) . "\n");
}

function query_signature(array $params, $secret)
{
    unset($params['signature'], $params['signature2']);
    ksort($params, SORT_STRING);
    $pairs = [];
    foreach ($params as $k => $v) {
        $pairs[] = $k . '=' . $v;
    }
    return hash_hmac('sha256', implode('&', $pairs), $secret);
}

if ($_SERVER['REQUEST_METHOD'] === 'GET') {
    // $_GET 의 값은 계좌 언어셋의 바이트입니다. EUC-KR 계좌는 CP949 → UTF-8 로 바꾼 뒤 검증합니다.
    $params = [];
    foreach ($_GET as $k => $v) {
        $params[$k] = (isset($_GET['charset']) && $_GET['charset'] === 'EUC-KR') ? iconv('CP949', 'UTF-8', $v) : $v;
    }
    $sent = isset($params['signature']) ? $params['signature'] : '';
    $valid = false;
    foreach (array_filter([$secret, $previousSecret]) as $s) {
        $valid = $valid || hash_equals(query_signature($params, $s), $sent);
    }
    if (!$valid || abs(time() - (int) $params['ts']) > $tolerance) {
        http_response_code(401);
        echo $valid ? 'STALE' : 'BAD SIGNATURE';
        exit;
    }
    book_deposit([
        'format' => 'query',
        'tid' => $params['tid'],
        'bankCode' => $params['bankcode'],
        'account' => $params['account'],
        'amount' => (int) $params['price'],
        'name' => $params['name'],
        'paidAt' => $params['paydt'],
        'verdict' => $params['verdict'],
        'attempt' => $params['attempt'],
        'test' => isset($params['test']) && $params['test'] === '1',
    ]);
    echo 'OK';
    exit;
}

// json 형식 (POST)
$body = file_get_contents('php://input');
$id = isset($_SERVER['HTTP_WEBHOOK_ID']) ? $_SERVER['HTTP_WEBHOOK_ID'] : '';
$timestamp = isset($_SERVER['HTTP_WEBHOOK_TIMESTAMP']) ? $_SERVER['HTTP_WEBHOOK_TIMESTAMP'] : '';
$signatures = explode(' ', isset($_SERVER['HTTP_WEBHOOK_SIGNATURE']) ? $_SERVER['HTTP_WEBHOOK_SIGNATURE'] : '');
$valid = false;
foreach (array_filter([$secret, $previousSecret]) as $s) {
    $key = base64_decode(substr($s, strlen('whsec_')));
    $expected = 'v1,' . base64_encode(hash_hmac('sha256', $id . '.' . $timestamp . '.' . $body, $key, true));
    foreach ($signatures as $sig) {
        $valid = $valid || hash_equals($expected, $sig);
    }
}
if (!$valid || abs(time() - (int) $timestamp) > $tolerance) {
    http_response_code(401);
    echo $valid ? 'stale' : 'bad signature';
    exit;
}
$event = json_decode($body, true);
$d = $event['data'];
book_deposit([
    'format' => 'json',
    'tid' => $d['tid'],
    'bankCode' => $d['bankCode'],
    'account' => $d['account'],
    'amount' => $d['amount'],
    'name' => $d['name'],
    'paidAt' => $d['depositedAt'],
    'verdict' => $d['verdict'],
    'attempt' => (string) $d['attempt'],
    'test' => $event['type'] === 'deposit.test',
]);
http_response_code(204);
